//! The smallest Yew app that reads a typed decimal and shows a result:
//! the floor under any app built on this stack.
use rust_decimal::Decimal;
use std::str::FromStr;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[component]
fn App() -> Html {
    let text = use_state(|| "1.5".to_string());
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    // Ready signal as the app gives it (mark, then data-ready), so the
    // phone benchmark times both the same way.
    let ready = use_state(|| false);
    {
        let ready = ready.clone();
        use_effect_with((), move |_| {
            ready.set(true);
            if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
                let _ = p.mark("ldn-ready");
            }
        });
    }
    let result = Decimal::from_str(&text)
        .map(|d| (d / Decimal::from(3)).round_dp(2).normalize().to_string());
    html! {
        <main data-ready={ready.to_string()}>
            <label for="dose">{ "Dose (mg)" }</label>
            <input id="dose" value={(*text).clone()} {oninput} />
            <p>{ match result { Ok(r) => r, Err(_) => "enter a number".to_string() } }</p>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
