//! The app shell: proves the stack end to end until the calculator lands.

use crate::engine::format::{quantity, DecimalSeparator, Unit};
use crate::engine::number::parse_in_range;
use rust_decimal::Decimal;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[component]
pub fn App() -> Html {
    let dose_text = use_state(|| "1.5".to_string());
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            ready.set(true);
            mark_ready();
        });
    }
    let oninput = {
        let dose_text = dose_text.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dose_text.set(input.value());
        })
    };
    // At the classic 1 mg/mL, the draw in mL equals the dose in mg.
    let result = parse_in_range(&dose_text, Decimal::new(1, 3), Decimal::from(100))
        .map(|dose| quantity(dose, Unit::Ml, DecimalSeparator::Point));
    html! {
        <main class="app" data-ready={ready.to_string()}>
            <h1>{ "LDN calculator" }</h1>
            <label for="dose">{ "Dose (mg)" }</label>
            <input id="dose" inputmode="decimal" value={(*dose_text).clone()} {oninput} />
            {
                match result {
                    Ok(text) => html! {
                        <p>{ "Draw at 1 mg/mL: " }<output data-testid="draw-volume">{ text }</output></p>
                    },
                    Err(e) => html! { <p class="error" data-error="dose">{ e.to_string() }</p> },
                }
            }
        </main>
    }
}

/// A performance mark the benchmark reads: time from navigation to first render.
fn mark_ready() {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        // Only a measurement: if the browser refuses, nothing depends on it.
        let _ = performance.mark("ldn-ready");
    }
}
