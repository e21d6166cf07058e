//! The checksum of a language file (64-bit FNV-1a), computed by the build
//! for each file it writes and by the page for each file it loads, so a
//! file of another build never fills the slots of this one. Shared by
//! `build.rs`, `examples/lang_files.rs` and the catalog itself.

pub fn checksum(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
