//! Where a frame's pages send what they ask for, in order (rerun's command
//! sender): the app takes it all once the frame is drawn.

use std::cell::RefCell;

use super::AppRequest;

/// Collects what a frame's pages ask for, in order.
#[derive(Debug, Default)]
pub struct Sender {
    sent: RefCell<Vec<AppRequest>>,
}

impl Sender {
    /// Asks the app for `command`, applied after this frame's pages.
    pub fn send(&self, command: AppRequest) {
        self.sent.borrow_mut().push(command);
    }

    /// Everything sent so far, in order, leaving none.
    #[must_use]
    pub fn take(&self) -> Vec<AppRequest> {
        std::mem::take(&mut *self.sent.borrow_mut())
    }
}
