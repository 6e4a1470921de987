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
    pub fn load(dir: &Path) -> Result<Rolecall, DataError> {
        Ok(Rolecall::new(Dataset::load(dir)?))
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
