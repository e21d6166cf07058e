//! The pharmacist's app (`index.html`). All logic lives in the library.

fn main() {
    ldn_calc::ui::start_pharmacist();
}
