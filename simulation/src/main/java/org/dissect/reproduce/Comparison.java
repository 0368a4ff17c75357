package org.dissect.reproduce;

/**
 * One line of the theory-versus-empirical table: the paper's value, our theory value and our empirical
 * value side by side ("" where a column does not apply).
 *
 * @param quantity what is compared, with its setting
 * @param paper the paper's value as printed there
 * @param theory our closed-form value
 * @param empirical our simulated value
 * @param note parameters, seeds, engine, time
 */
public record Comparison(String quantity, String paper, String theory, String empirical, String note) {
}
