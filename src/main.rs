//! Mounts the app into the page. All logic lives in the library.

fn main() {
    ldn_calc::ui::mount();
}
