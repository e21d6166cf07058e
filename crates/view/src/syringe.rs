//! The syringe picture's geometry: a to-scale oral syringe with its marks,
//! labelled major marks, the liquid, and the plunger's ring with its top
//! edge at the draw. Floats only for drawing; the numbers come from the
//! engine. Coordinates are ready SVG strings.

use super::text::{num, qty_ml};
use ldn_catalog::{msg, Lang};
use ldn_engine::format::Unit;
use ldn_engine::quantity::Ml;
use ldn_engine::syringe::Syringe;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// Pixel geometry of the barrel (in SVG user units).
pub const LEFT_PX: f64 = 40.0;
pub const BARREL_PX: f64 = 300.0;
pub const TOP_PX: f64 = 30.0;
pub const HEIGHT_PX: f64 = 36.0;
/// Beyond this many marks only the labelled ones are drawn.
const MAX_MARKS: usize = 200;

/// An SVG coordinate with one decimal, written without the float formatter
/// (which would add ~10 KB to the bundle).
pub fn px(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub x: String,
    pub major: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkLabel {
    pub x: String,
    pub text: String,
    /// Drawn with its own tick when the small marks are left out.
    pub tick: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyringeDrawing {
    pub description: String,
    pub caption: String,
    pub marks: Vec<Mark>,
    pub labels: Vec<MarkLabel>,
    pub liquid_width: String,
    pub ring_x: String,
    pub rod_x: String,
    pub rod_width: String,
    /// The unit's symbol, under the barrel.
    pub unit: &'static str,
}

/// The labelled mark spacing: the smallest "round" step giving at most ten labels.
fn label_step(capacity: Decimal) -> Decimal {
    [
        Decimal::new(5, 2),
        Decimal::new(1, 1),
        Decimal::new(2, 1),
        Decimal::new(5, 1),
        Decimal::ONE,
        Decimal::TWO,
        Decimal::from(5),
        Decimal::TEN,
    ]
    .into_iter()
    .find(|step| capacity / step <= Decimal::TEN)
    .unwrap_or(Decimal::TEN)
}

pub fn drawing(lang: Lang, syringe: Syringe, draw_ml: Ml) -> SyringeDrawing {
    // Geometry only: bare numbers from here on, the unit is fixed (mL).
    let capacity = syringe.capacity_ml().value();
    let graduation = syringe.graduation_ml().value();
    let to_px = |ml: Decimal| -> f64 {
        let share = if capacity.is_zero() {
            0.0
        } else {
            (ml / capacity).to_f64().unwrap_or(0.0)
        };
        LEFT_PX + BARREL_PX * share.clamp(0.0, 1.0)
    };
    let labelled = label_step(capacity);
    let mark_count = (capacity / graduation).floor().to_usize().unwrap_or(0);
    let marks = if mark_count <= MAX_MARKS {
        (0..=mark_count)
            .map(|k| {
                let ml = graduation * Decimal::from(k);
                Mark {
                    x: px(to_px(ml)),
                    major: (ml % labelled).is_zero(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let label_count = (capacity / labelled).floor().to_usize().unwrap_or(0);
    let labels = (0..=label_count)
        .map(|k| {
            let ml = labelled * Decimal::from(k);
            MarkLabel {
                x: px(to_px(ml)),
                text: num(lang, ml),
                tick: mark_count > MAX_MARKS,
            }
        })
        .collect();
    let draw_x = to_px(draw_ml.value());
    let end_x = LEFT_PX + BARREL_PX;
    let volume = qty_ml(lang, draw_ml);
    SyringeDrawing {
        description: lang.f(msg::SyringePicture { volume: &volume }),
        caption: lang.f(msg::SyringeCaption { volume: &volume }),
        marks,
        labels,
        liquid_width: px((draw_x - LEFT_PX).max(0.0)),
        ring_x: px(draw_x),
        rod_x: px(draw_x + 8.0),
        rod_width: px((end_x + 40.0 - draw_x).max(0.0)),
        unit: lang.unit(Unit::Ml),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_engine::syringe::SyringePreset;

    #[test]
    fn marks_labels_and_the_ring_are_to_scale() {
        // 3 mL with 0.1 mL marks: 31 marks, labels every 0.5 mL, and 1.5 mL
        // puts the ring half-way along the 300-unit barrel.
        let d = drawing(
            Lang::En,
            SyringePreset::Ml3.syringe(),
            Ml::new(Decimal::new(15, 1)),
        );
        assert_eq!(d.marks.len(), 31);
        assert_eq!(d.labels.len(), 7);
        assert_eq!(d.ring_x, "190.0");
        assert_eq!(d.liquid_width, "150.0");
        assert_eq!(px(-0.04), "0.0");
        assert_eq!(px(12.34), "12.3");
    }
}
