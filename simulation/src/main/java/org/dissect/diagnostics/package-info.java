/**
 * "Confirm collapse" diagnostics: how close a configuration of points (and classifier weights) is to
 * the equality case of the paper's bounds (Graf et al., ICML 2021; THEORY.md, Theorem 1 (C1)-(C3),
 * Definition 3, Corollary 2, Eq. 7), and the neural-collapse statistics NC1-NC4 of Papyan et al. (2020).
 *
 * <p>Entry point: {@link org.dissect.diagnostics.CollapseDiagnostics}, which returns a
 * {@link org.dissect.diagnostics.CollapseReport}. The paper's statistics use the class means as they
 * are (its simplex is centred at the origin by (S1)); Papyan's use the means centred by the global
 * mean; both frames agree at a collapsed, balanced configuration. Nothing here prints.
 */
package org.dissect.diagnostics;
