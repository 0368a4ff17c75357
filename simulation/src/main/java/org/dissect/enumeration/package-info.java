/**
 * Exact evaluation of the SC loss of Definition 2 summed over <em>every</em> multiset batch,
 * {@code L_SC(Z; Y) = Σ_{B ∈ 𝔅} ℓ_SC(Z; Y, B)}, {@code |𝔅| = C(N+b-1, b)}, with its gradient and the batch
 * losses grouped by label configuration.
 *
 * <p>Use:
 * <pre>{@code
 * EnumerationProblem p = new EnumerationProblem(z, labels, classes, batch);   // validates, precomputes exp(G)
 * try (Enumeration engine = Engines.enumeration(Engine.AUTO, threads)) {      // JAVA, OPENCL, NAIVE, AUTO
 *     EnumerationResult r = engine.enumerate(p, EnumerationRequest.lossAndGradient());
 *     double total = r.totalLoss(), mean = r.meanLoss();
 *     double[][] dLdZ = r.gradient();          // N×h;  r.gradientGram() is ∂L/∂G (N×N)
 *     RanOn ranOn = r.engine();               // kind, device, fallback reason
 * }
 * }</pre>
 * ({@code org.dissect.descent.Engines} is the registry of every engine.) An engine may be kept open across calls (exact gradient descent calls it once per step; the OpenCL
 * kernel is compiled once).
 *
 * <p>Pieces: {@link org.dissect.enumeration.MultisetRanking} (rank, unrank, successor: the rank space splits
 * into independent ranges); {@code BatchLossKernel} (the incremental per-batch math, about one logarithm per
 * batch); {@link org.dissect.enumeration.EnumerationLanes} (the rank space cut into lanes that depend on the problem
 * alone, a lane's walk, and their reduction in lane order: the same bits wherever the lanes run);
 * {@link org.dissect.enumeration.JavaEnumeration} (the lanes on a thread pool);
 * {@link org.dissect.enumeration.TaskRunnerEnumeration} (the lanes as the tasks of a
 * {@link org.dissect.parallel.TaskRunner}, e.g. Apache Spark partitions);
 * {@link org.dissect.enumeration.OpenClEnumeration} (the same walk as an Aparapi kernel, with honest fallback
 * reporting); {@link org.dissect.enumeration.NaiveEnumeration} (Definition 2 batch by batch: the reference
 * and the benchmark baseline).
 */
package org.dissect.enumeration;
