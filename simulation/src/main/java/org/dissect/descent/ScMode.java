package org.dissect.descent;

/** What the SC descent minimises (Section 5 of the paper). */
public enum ScMode {
    /** The exact total over all multiset batches (Theorem 2's objective), by enumeration: deterministic. */
    EXACT,
    /** SGD on batches drawn uniformly from all multisets, as the paper's Fig. 6 experiment. */
    SAMPLED,
    /** One batch holding every point once (Fig. 1 top). */
    FULL
}
