//! A region: many schools of realistic, varied sizes, each its own register (`ekzh gen
//! --region N --out DIR`), to check as a region (`ekzh check DIR`).
//!
//! The sizes run from a village school (9 classes of 6 to 14 students, when the largest has
//! 60) to a city school of the largest size (classes of 23 to 30), more small schools than
//! large ones, as in a Russian region; each school has a seed of its own, drawn from the
//! region's, and a name in Latin letters, the file's name without its extension.

use super::rng::Rng;
use super::{Options, OptionsError};

/// The classes of a region's largest school unless told otherwise: a city school.
pub const LARGEST: u32 = 60;

/// The classes of the smallest school, when the largest has [`LARGEST`]: a village school.
const SMALLEST: u32 = 9;

/// The most schools a region is written with.
pub const MOST: u32 = 1000;

/// Where the schools are: villages, then towns.
const PLACES: &[&str] = &[
    "berezovka",
    "sosnovka",
    "ivanovka",
    "pokrovka",
    "alekseevka",
    "mikhaylovka",
    "nikolskoe",
    "troitskoe",
    "uspenka",
    "znamenka",
    "kamenka",
    "voskresenskoe",
    "bogatoe",
    "krasny-yar",
    "pestravka",
    "kinel",
    "otradny",
    "chapaevsk",
    "neftegorsk",
    "pokhvistnevo",
    "oktyabrsk",
    "zhigulevsk",
    "novokuybyshevsk",
    "syzran",
    "tolyatti",
    "samara",
];

/// One school of a region: its name and the options that write it.
#[derive(Debug, Clone, PartialEq)]
pub struct School {
    pub name: String,
    pub options: Options,
}

/// The schools of a region of `schools` schools whose largest has `largest` classes; the
/// rest of `options` (weeks, start, violations, policy, teachers, kinds of events) is
/// every school's.
pub fn plan(options: &Options, schools: u32, largest: u32) -> Result<Vec<School>, OptionsError> {
    if schools == 0 || schools > MOST {
        return Err(OptionsError(format!(
            "`--region {schools}`: a region has from 1 to {MOST} schools"
        )));
    }
    let root = Rng::new(options.seed);
    let mut order = root.fork(0x7265_6769_6f6e);
    // Sizes from the smallest to the largest, more of the small ones; then shuffled, so
    // that the schools' names say nothing of their size.
    let smallest = (largest * SMALLEST).div_ceil(LARGEST).max(1);
    let mut sizes: Vec<u32> = (0..schools)
        .map(|i| {
            let t = if schools > 1 {
                f64::from(i) / f64::from(schools - 1)
            } else {
                1.0
            };
            let span = f64::from(largest.saturating_sub(smallest));
            smallest + (span * t * t).round() as u32
        })
        .collect();
    order.shuffle(&mut sizes);
    let mut out = Vec::with_capacity(sizes.len());
    for (i, classes) in (1u64..).zip(sizes) {
        let share = f64::from(classes) / f64::from(largest.max(1));
        let students = if share < 0.27 {
            (6, 14)
        } else if share < 0.57 {
            (18, 26)
        } else {
            (23, 30)
        };
        let place = PLACES
            .get((i as usize - 1) % PLACES.len())
            .copied()
            .unwrap_or("school");
        let mut school = options.clone();
        school.classes = classes;
        school.seed = root.fork(i).next_u64();
        school.shape.students = students;
        school.validate()?;
        out.push(School {
            name: format!("school-{i:02}-{place}"),
            options: school,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_runs_from_a_village_school_to_a_city_one() {
        let schools = plan(&Options::default(), 12, LARGEST).unwrap_or_default();
        let sizes: Vec<u32> = schools.iter().map(|s| s.options.classes).collect();
        assert_eq!(sizes.iter().min(), Some(&9));
        assert_eq!(sizes.iter().max(), Some(&60));
        let mut seeds: Vec<u64> = schools.iter().map(|s| s.options.seed).collect();
        seeds.sort_unstable();
        seeds.dedup();
        assert_eq!(seeds.len(), 12);
        let mut names: Vec<&str> = schools.iter().map(|s| s.name.as_str()).collect();
        names.dedup();
        assert_eq!(names.len(), 12);
        assert_eq!(
            plan(&Options::default(), 12, LARGEST).unwrap_or_default(),
            schools
        );
        assert!(plan(&Options::default(), 0, LARGEST).is_err());
    }
}
