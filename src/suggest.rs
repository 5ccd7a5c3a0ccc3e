//! Did-you-mean suggestions (being written).
