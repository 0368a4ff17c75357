package org.dissect.reproduce;

/**
 * One reproduction target (a figure or the numbers table), run by {@link Reproduction}. A new figure is one
 * class implementing this interface, listed in {@link Reproduction#all()}: the command line, its help, the report
 * and the README gallery all follow that list.
 */
public interface Stage {
    /**
     * @return the name used on the command line and as the output sub-folder ({@code fig1}, {@code numbers}, …); a stage
     *         that draws a figure writes it as {@code <name>.png} and {@code <name>.svg} in that folder
     */
    String name();

    /**
     * Computes, plots and writes everything of this target into {@code context.folder(name())}.
     *
     * @param context where and how to run
     * @return the report section and the comparison rows
     * @throws Exception on any failure: the stage fails, the others still run
     */
    Section run(Context context) throws Exception;

    /**
     * @return whether {@code reproduce all} (the README's first command, seconds long) runs this stage; a stage of
     *         minutes answers false and runs when named
     */
    default boolean partOfAll() {
        return true;
    }
}
