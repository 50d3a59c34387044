//! The desktop wizard (eframe). Only this module draws; it drives the core through
//! background tasks and applies state changes in one place.

pub mod check;
pub mod fonts;
pub mod text;
