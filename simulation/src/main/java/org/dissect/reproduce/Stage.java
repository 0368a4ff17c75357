package org.dissect.reproduce;

/** One reproduction target (a figure or the numbers table), run by {@link Reproduction}. */
public interface Stage {
    /** @return the name used on the command line and as the output sub-folder: fig1, fig4, fig5, fig6, numbers */
    String name();

    /**
     * Computes, plots and writes everything of this target into {@code context.folder(name())}.
     *
     * @param context where and how to run
     * @return the report section and the comparison rows
     * @throws Exception on any failure: the stage fails, the others still run
     */
    Section run(Context context) throws Exception;
}
