//! Mapping: which column feeds which field.
