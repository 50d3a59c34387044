//! `--payload-out`: each request body written as it goes on the wire, at the moment
//! it is first sent (a bisected half is a new body; a retry of the same body is not
//! written again), one JSON object per line.

use std::io::Write;
use std::sync::{Arc, Mutex};

/// Where request bodies are written. Cloned handles share one writer.
#[derive(Clone)]
pub struct PayloadSink(Arc<Mutex<Box<dyn Write + Send>>>);

impl std::fmt::Debug for PayloadSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PayloadSink")
    }
}

impl PayloadSink {
    pub fn new(w: impl Write + Send + 'static) -> Self {
        Self(Arc::new(Mutex::new(Box::new(w))))
    }

    /// Writes one body and its newline, and flushes (so a crash loses no line).
    pub fn write(&self, body: &[u8]) -> std::io::Result<()> {
        let mut w = self.0.lock().unwrap_or_else(|e| e.into_inner());
        w.write_all(body)?;
        w.write_all(b"\n")?;
        w.flush()
    }
}
