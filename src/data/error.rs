//! The one error type for a data directory that cannot be used.
//!
//! Every problem names the file, the line and (where there is one) the field, because the
//! people who see it are editing a TSV or TOML file by hand and need to jump straight there.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in one place of one data file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataIssue {
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the file as a whole (missing, unreadable).
    pub line: usize,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for DataIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Everything wrong with a data directory, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataError {
    pub issues: Vec<DataIssue>,
}

impl DataError {
    pub fn single(issue: DataIssue) -> Self {
        DataError {
            issues: vec![issue],
        }
    }

    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        DataError::single(DataIssue {
            file: file.to_path_buf(),
            line: 0,
            field: None,
            message: message.into(),
        })
    }
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Show the first few in full; a broken rebuild can produce thousands.
        const SHOWN: usize = 20;
        let n = self.issues.len();
        write!(
            f,
            "invalid data ({n} problem{}):",
            if n == 1 { "" } else { "s" }
        )?;
        for issue in self.issues.iter().take(SHOWN) {
            write!(f, "\n  {issue}")?;
        }
        if n > SHOWN {
            write!(f, "\n  … and {} more", n - SHOWN)?;
        }
        Ok(())
    }
}

impl std::error::Error for DataError {}
