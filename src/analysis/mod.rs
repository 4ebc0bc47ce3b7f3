//! Measures over the journal, computed once and cached by the caller, never
//! per frame. No UI code here: charts draw what this module computed.

pub mod calibration;
