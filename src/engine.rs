//! The loaded dataset together with its indexes: what every front end holds, built once at
//! start and shared read-only.

use crate::data::{DataError, Dataset};
use crate::resolve::{CareerResolver, PlaceResolver};
use std::path::Path;

pub struct Rolecall {
    pub data: Dataset,
    pub careers: CareerResolver,
    pub places: PlaceResolver,
}

impl Rolecall {
    /// Loads `dir` and builds the indexes, the indexes while the pay table is being read
    /// (they use no pay figures): what [`Rolecall::new`] over [`Dataset::load`] gives, sooner.
    pub fn load(dir: &Path) -> Result<Rolecall, DataError> {
        let (data, (careers, places)) = Dataset::load_with(dir, |data| {
            (CareerResolver::new(data), PlaceResolver::new(data))
        })?;
        Ok(Rolecall {
            data,
            careers,
            places,
        })
    }

    pub fn new(data: Dataset) -> Rolecall {
        let careers = CareerResolver::new(&data);
        let places = PlaceResolver::new(&data);
        Rolecall {
            data,
            careers,
            places,
        }
    }
}
