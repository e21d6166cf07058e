//! A stable insertion sort for the app's short lists (a diary's entries, a
//! plan's dates, a few warnings). The standard library's sort is faster on
//! long lists but brings several kilobytes of WebAssembly per element type
//! sorted, on every page's download; these lists are short and mostly in
//! order already, where insertion sort does about n comparisons.

/// Sorts `v` by `key`, keeping equal elements in their order (stable).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Sorts `v` in ascending order (its elements are small values: a date, a
/// dose, a kind of side effect).
pub fn sort<T: Ord + Copy>(v: &mut [T]) {
    sort_by_key(v, |x| *x);
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_library_does(mut v in proptest::collection::vec((0u8..10, 0u16..1000), 0..60)) {
            let mut expected = v.clone();
            expected.sort_by_key(|(k, _)| *k);
            sort_by_key(&mut v, |(k, _)| *k);
            // Stable: equal keys keep their order, as the standard sort's.
            prop_assert_eq!(&v, &expected);
            let mut plain = v.clone();
            sort(&mut plain);
            let mut std_sorted = v.clone();
            std_sorted.sort();
            prop_assert_eq!(plain, std_sorted);
        }
    }
}
