//! The patient's page (`patient.html`), its own small binary. All logic
//! lives in the library.

fn main() {
    ldn_calc::ui::start_patient();
}
