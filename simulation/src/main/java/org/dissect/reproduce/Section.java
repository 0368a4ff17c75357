package org.dissect.reproduce;

import java.util.List;

/**
 * What a stage contributes to {@code report.md}.
 *
 * @param title the section's heading
 * @param markdown the section's body (figure link, parameters, notes)
 * @param rows the paper-versus-ours comparison rows
 */
public record Section(String title, String markdown, List<Comparison> rows) {
}
