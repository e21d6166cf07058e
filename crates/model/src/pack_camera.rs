//! The camera reader for a tablet pack's 2D code, offered only where the
//! browser reads DataMatrix codes itself (`BarcodeDetector`: Chrome on
//! Android and macOS); elsewhere nothing is shown and nothing is
//! downloaded. The browser's part is at the edge (`ui::camera`); here is
//! what the page shows, and which report may change it.

/// Where the camera reader is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PackCamera {
    /// This browser cannot read a DataMatrix code (or has not said yet):
    /// no camera button.
    #[default]
    Absent,
    Ready,
    /// The camera is on, looking for a code.
    Reading,
    /// The last try ended without a code.
    Failed(CameraProblem),
}

/// Why a camera read ended without a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraProblem {
    /// The person or the browser did not allow the camera.
    Denied,
    /// No code was read in `READ_SECONDS`.
    NothingRead,
    /// No camera, or it could not be started.
    Unavailable,
}

/// How long the camera looks for a code before it stops by itself.
pub const READ_SECONDS: u32 = 60;

/// What the page and the browser report about the camera.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CameraEvent {
    /// The browser reads DataMatrix codes and has a camera API.
    Available,
    /// The pharmacist asks to read with the camera.
    Start,
    /// The pharmacist stops it (or a code was read).
    Stop,
    Failed(CameraProblem),
}

impl PackCamera {
    /// The reader after `event`. A report that does not fit (a failure
    /// after a stop, a start without a reader) changes nothing.
    pub fn after(self, event: CameraEvent) -> PackCamera {
        use PackCamera::*;
        match (self, event) {
            (Absent, CameraEvent::Available) => Ready,
            (Ready | Failed(_), CameraEvent::Start) => Reading,
            (Reading, CameraEvent::Stop) => Ready,
            (Reading, CameraEvent::Failed(why)) => Failed(why),
            (same, _) => same,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CameraEvent::*;

    #[test]
    fn only_a_reader_the_browser_has_starts_and_a_stop_ends_it() {
        let absent = PackCamera::Absent;
        // Without a reader, a start does nothing (no button to press).
        assert_eq!(absent.after(Start), PackCamera::Absent);
        let ready = absent.after(Available);
        assert_eq!(ready, PackCamera::Ready);
        assert_eq!(ready.after(Available), PackCamera::Ready);
        let reading = ready.after(Start);
        assert_eq!(reading, PackCamera::Reading);
        assert_eq!(reading.after(Start), PackCamera::Reading);
        assert_eq!(reading.after(Stop), PackCamera::Ready);
        let failed = reading.after(Failed(CameraProblem::Denied));
        assert_eq!(failed, PackCamera::Failed(CameraProblem::Denied));
        // A late report after a stop changes nothing.
        assert_eq!(
            ready.after(Failed(CameraProblem::NothingRead)),
            PackCamera::Ready
        );
        assert_eq!(failed.after(Stop), failed);
        // Tried again after a failure.
        assert_eq!(failed.after(Start), PackCamera::Reading);
    }
}
