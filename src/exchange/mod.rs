//! Pure file formats: what Branch Out writes for people and other programs to read, and how
//! it reads them back. No browser code here, so every format is tested natively.

pub mod file;
pub mod import;
pub mod raw;
pub mod summary;
