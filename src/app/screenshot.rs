//! `--screenshot FILE.png`: once the page has drawn and settled, ask the
//! window for a screenshot, write it as PNG and close.

use std::sync::{Arc, Mutex};

use egui::{ColorImage, Context, ViewportCommand};

use super::ScreenshotJob;

/// Frames to draw before the shot, so fonts, layout and first-frame sizing
/// have settled.
const FRAMES_BEFORE_SHOT: u32 = 6;

/// The image handed over by the window's screenshot callback.
pub type ShotSlot = Arc<Mutex<Option<Arc<ColorImage>>>>;

/// Advances the job by one frame.
pub fn step(job: &mut ScreenshotJob, ctx: &Context) {
    job.frames_drawn += 1;
    let arrived = job.image.lock().ok().and_then(|mut slot| slot.take());
    if let Some(image) = arrived {
        let result = write_png(&job.path, &image);
        if let Ok(mut slot) = job.result.lock() {
            *slot = Some(result);
        }
        ctx.send_viewport_cmd(ViewportCommand::Close);
        return;
    }
    if !job.requested && job.frames_drawn >= FRAMES_BEFORE_SHOT {
        let slot = Arc::clone(&job.image);
        let repaint = ctx.clone();
        ctx.request_screenshot(move |image| {
            if let Ok(mut slot) = slot.lock() {
                *slot = Some(image);
            }
            repaint.request_repaint();
        });
        job.requested = true;
    }
    ctx.request_repaint();
}

fn write_png(path: &std::path::Path, image: &ColorImage) -> Result<(), String> {
    let [width, height] = image.size;
    let bytes: Vec<u8> = image.pixels.iter().flat_map(egui::Color32::to_array).collect();
    let (Ok(width), Ok(height)) = (u32::try_from(width), u32::try_from(height)) else {
        return Err("the screenshot is too large".to_owned());
    };
    let buffer = image::RgbaImage::from_raw(width, height, bytes)
        .ok_or_else(|| "the screenshot had an unexpected size".to_owned())?;
    buffer.save(path).map_err(|error| format!("cannot write {}: {error}", path.display()))
}
