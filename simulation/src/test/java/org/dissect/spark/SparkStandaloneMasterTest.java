package org.dissect.spark;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.apache.spark.SparkConf;
import org.apache.spark.deploy.master.Master;
import org.apache.spark.rpc.RpcEnv;
import org.dissect.io.BadInputException;
import org.junit.jupiter.api.Test;

/** A real standalone master (in this JVM) without a worker: the runner gives up in one line instead of waiting for ever. */
class SparkStandaloneMasterTest {
    @Test
    void aMasterWithoutWorkersFailsInOneLine() {
        RpcEnv master = Master.startRpcEnvAndEndpoint("127.0.0.1", 0, 0, new SparkConf().set("spark.ui.enabled", "false"))._1();
        try {
            String url = "spark://127.0.0.1:" + master.address().port();
            BadInputException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(BadInputException.class, () -> new SparkTaskRunner(url, 3000)));
            assertTrue(e.getMessage().startsWith("--spark " + url + ": the master accepted the application, but no executor came"),
                e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        } finally {
            master.shutdown();
            master.awaitTermination();
        }
    }
}
