//! The label printer's check (My batches, with the pharmacy's details): the
//! label stock chosen, and a test label that frames its printable area, so
//! a printer set to the wrong paper or scale shows it before a patient's
//! label is printed.

use super::form::Control;
use super::label::label_size_control;
use super::text::num;
use ldn_catalog::{msg, Lang, Msg};
use ldn_model::state::{Action, PrintJob, State};
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelPrinterView {
    pub heading: &'static str,
    /// The label stock (the same setting as beside a bottle's label).
    pub size: Control,
    /// On a label stock only (A4 is plain paper).
    pub test: Option<TestLabelView>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestLabelView {
    /// `data-size`: the stock's page and frame (print stylesheet).
    pub size: &'static str,
    pub text: String,
    pub print: (&'static str, Action),
    /// The test label is what is being printed (`data-print` on the
    /// screen: nothing else is printed).
    pub printing: bool,
}

pub fn label_printer(s: &State) -> LabelPrinterView {
    let lang = s.lang;
    let size = s.doc.label_size;
    LabelPrinterView {
        heading: lang.t(Msg::LabelPrinterHeading),
        size: label_size_control(s, "printer-label-size"),
        test: size.stock().map(|stock| {
            let (width, height) = stock.printable();
            TestLabelView {
                size: size.code(),
                text: lang.f(msg::TestLabelText {
                    width: &millimetres(lang, width),
                    height: &millimetres(lang, height),
                }),
                print: (
                    lang.t(Msg::TestLabelPrint),
                    Action::Print(PrintJob::TestLabel),
                ),
                printing: s.print == Some(PrintJob::TestLabel),
            }
        }),
    }
}

/// Tenths of a millimetre as millimetres in `lang`'s numbers: `670` is
/// `67`, `325` is `32.5` (`32,5` in nb, da and uk).
fn millimetres(lang: Lang, tenths: u32) -> String {
    num(lang, Decimal::new(i64::from(tenths), 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ldn_model::record::LabelSize;
    use ldn_model::state::apply;
    use ldn_model::state::fixtures::{from_link, state};

    /// My batches shows the stock twice (beside an open bottle's label and
    /// under the label printer): two groups, so each shows the stock chosen.
    #[test]
    fn the_label_printers_stock_is_a_group_of_its_own() {
        let s = apply(state(), Action::SaveBatch);
        let id = s.doc.batches[0].id;
        let s = apply(s, Action::OpenBatch(Some(id)));
        let names = |c: &Control| match c {
            Control::Radios(choice) => choice.id,
            _ => "",
        };
        let open = crate::batches::batches(&s, "").open.map(|o| o.size);
        let printer = label_printer(&s).size;
        assert_eq!(open.as_ref().map(names), Some("label-size"));
        assert_eq!(names(&printer), "printer-label-size");
    }

    #[test]
    fn a_test_label_for_each_label_stock_and_none_for_a4() {
        let s = state();
        assert_eq!(label_printer(&s).test, None);
        // On A4 a test print is not a print job.
        let a4 = apply(s.clone(), Action::Print(PrintJob::TestLabel));
        assert_eq!((a4.print, a4.print_count), (None, 0));
        for (size, printable) in [
            (LabelSize::Small, "67 × 34 mm"),
            (LabelSize::Dymo89x36, "85 × 32 mm"),
            (LabelSize::BrotherQl62x50, "59 × 47 mm"),
        ] {
            let s = apply(state(), Action::LabelSize(size));
            let test = label_printer(&s).test.unwrap();
            assert_eq!(test.size, size.code());
            assert!(test.text.contains(printable), "{}", test.text);
            assert!(!test.printing);
            let s = apply(s, test.print.1);
            assert_eq!(s.print_count, 1);
            assert!(label_printer(&s).test.unwrap().printing);
        }
        assert_eq!(millimetres(Lang::En, 325), "32.5");
        assert_eq!(millimetres(Lang::Nb, 325), "32,5");
        assert_eq!(millimetres(Lang::Da, 670), "67");
        // In every language.
        for lang in ["nb", "da", "uk"] {
            let s = apply(
                from_link(&format!("lang={lang}")),
                Action::LabelSize(LabelSize::Small),
            );
            let text = label_printer(&s).test.unwrap().text;
            assert!(text.contains("67 × 34"), "{lang}: {text}");
        }
    }
}
