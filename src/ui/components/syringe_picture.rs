//! A to-scale picture of the chosen oral syringe (geometry from
//! `view::syringe`): marks, labels, the liquid, and the plunger's ring with
//! its top edge at the draw.

use crate::view::syringe::{px, SyringeDrawing, BARREL_PX, HEIGHT_PX, LEFT_PX, TOP_PX};
use yew::prelude::*;

pub fn syringe_picture(d: &SyringeDrawing) -> Html {
    let end = LEFT_PX + BARREL_PX;
    html! {
        <figure class="syringe">
            <svg viewBox="0 0 400 96" role="img" aria-label={d.description.clone()}>
                // The tip, on the left: liquid enters here.
                <rect x={px(LEFT_PX - 22.0)} y={px(TOP_PX + HEIGHT_PX / 2.0 - 5.0)} width="22" height="10" class="tip" />
                // The liquid, from the tip to the ring's top edge.
                <rect x={px(LEFT_PX)} y={px(TOP_PX)} width={d.liquid_width.clone()} height={px(HEIGHT_PX)} class="liquid" />
                <rect x={px(LEFT_PX)} y={px(TOP_PX)} width={px(BARREL_PX)} height={px(HEIGHT_PX)} class="barrel" />
                { for d.marks.iter().map(|m| html! {
                    <line x1={m.x.clone()} x2={m.x.clone()} y1={px(TOP_PX)} y2={px(TOP_PX + if m.major { 16.0 } else { 8.0 })}
                        class={if m.major { "mark major" } else { "mark" }} />
                }) }
                { for d.labels.iter().map(|l| html! {
                    <>
                        if l.tick {
                            <line x1={l.x.clone()} x2={l.x.clone()} y1={px(TOP_PX)} y2={px(TOP_PX + 16.0)} class="mark major" />
                        }
                        <text x={l.x.clone()} y={px(TOP_PX - 8.0)} text-anchor="middle" class="mark-label">{ &l.text }</text>
                    </>
                }) }
                // The plunger: its ring's top (left) edge sits on the draw mark.
                <rect x={d.ring_x.clone()} y={px(TOP_PX + 2.0)} width="8" height={px(HEIGHT_PX - 4.0)} class="ring" />
                <rect x={d.rod_x.clone()} y={px(TOP_PX + HEIGHT_PX / 2.0 - 3.0)} width={d.rod_width.clone()} height="6" class="rod" />
                <text x={px(end + 30.0)} y={px(TOP_PX + HEIGHT_PX + 22.0)} text-anchor="end" class="unit">{ d.unit }</text>
            </svg>
            <figcaption>{ &d.caption }</figcaption>
        </figure>
    }
}
