//! Compiled-in catalog data (being written).
