//! A to-scale picture of the chosen oral syringe: its marks, labelled major
//! marks, the liquid, and the plunger's ring with its top edge at the draw.
//! Floats are used here for drawing only; the numbers come from the engine.

use crate::engine::format::Unit;
use crate::i18n::{Lang, Msg};
use crate::ui::present::{num, qty};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SyringePictureProps {
    pub lang: Lang,
    pub capacity_ml: Decimal,
    pub graduation_ml: Decimal,
    pub draw_ml: Decimal,
}

/// Pixel geometry of the barrel (in SVG user units).
const LEFT_PX: f64 = 40.0;
const BARREL_PX: f64 = 300.0;
const TOP_PX: f64 = 30.0;
const HEIGHT_PX: f64 = 36.0;
/// Beyond this many marks only the labelled ones are drawn.
const MAX_MARKS: usize = 200;

/// An SVG coordinate with one decimal, written without the float formatter
/// (which would add ~10 KB to the bundle).
fn px(v: f64) -> String {
    let tenths = (v * 10.0).round() as i64;
    let sign = if tenths < 0 { "-" } else { "" };
    format!("{sign}{}.{}", tenths.abs() / 10, tenths.abs() % 10)
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

#[component]
pub fn SyringePicture(props: &SyringePictureProps) -> Html {
    let lang = props.lang;
    let capacity = props.capacity_ml;
    let to_px = |ml: Decimal| -> f64 {
        let share = if capacity.is_zero() {
            0.0
        } else {
            (ml / capacity).to_f64().unwrap_or(0.0)
        };
        LEFT_PX + BARREL_PX * share.clamp(0.0, 1.0)
    };
    let labelled = label_step(capacity);
    let mark_count = (capacity / props.graduation_ml)
        .floor()
        .to_usize()
        .unwrap_or(0);
    let mut marks = Vec::new();
    if mark_count <= MAX_MARKS {
        for k in 0..=mark_count {
            let ml = props.graduation_ml * Decimal::from(k);
            let major = (ml % labelled).is_zero();
            let x = to_px(ml);
            let length = if major { 16.0 } else { 8.0 };
            marks.push(html! {
                <line x1={px(x)} x2={px(x)} y1={px(TOP_PX)} y2={px(TOP_PX + length)}
                    class={if major { "mark major" } else { "mark" }} />
            });
        }
    }
    let label_count = (capacity / labelled).floor().to_usize().unwrap_or(0);
    let labels = (0..=label_count).map(|k| {
        let ml = labelled * Decimal::from(k);
        let x = to_px(ml);
        html! {
            <>
                if mark_count > MAX_MARKS {
                    <line x1={px(x)} x2={px(x)} y1={px(TOP_PX)} y2={px(TOP_PX + 16.0)} class="mark major" />
                }
                <text x={px(x)} y={px(TOP_PX - 8.0)} text-anchor="middle" class="mark-label">{ num(lang, ml) }</text>
            </>
        }
    });
    let draw_x = to_px(props.draw_ml);
    let end_x = LEFT_PX + BARREL_PX;
    let description = lang.f(Msg::SyringePicture, &[&qty(lang, props.draw_ml, Unit::Ml)]);
    html! {
        <figure class="syringe">
            <svg viewBox="0 0 400 96" role="img" aria-label={description}>
                // The tip, on the left: liquid enters here.
                <rect x={px(LEFT_PX - 22.0)} y={px(TOP_PX + HEIGHT_PX / 2.0 - 5.0)} width="22" height="10" class="tip" />
                // The liquid, from the tip to the ring's top edge.
                <rect x={px(LEFT_PX)} y={px(TOP_PX)} width={px((draw_x - LEFT_PX).max(0.0))} height={px(HEIGHT_PX)} class="liquid" />
                <rect x={px(LEFT_PX)} y={px(TOP_PX)} width={px(BARREL_PX)} height={px(HEIGHT_PX)} class="barrel" />
                { for marks }
                { for labels }
                // The plunger: its ring's top (left) edge sits on the draw mark.
                <rect x={px(draw_x)} y={px(TOP_PX + 2.0)} width="8" height={px(HEIGHT_PX - 4.0)} class="ring" />
                <rect x={px(draw_x + 8.0)} y={px(TOP_PX + HEIGHT_PX / 2.0 - 3.0)} width={px((end_x + 40.0 - draw_x).max(0.0))} height="6" class="rod" />
                <text x={px(end_x + 30.0)} y={px(TOP_PX + HEIGHT_PX + 22.0)} text-anchor="end" class="unit">{ "mL" }</text>
            </svg>
            <figcaption>{ lang.f(Msg::SyringeCaption, &[&qty(lang, props.draw_ml, Unit::Ml)]) }</figcaption>
        </figure>
    }
}
