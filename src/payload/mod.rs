//! Payloads: valid rows -> entries -> batches -> request bodies.
