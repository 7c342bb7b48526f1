//! The import in progress: the file read and compared, whether its preview is open, why the
//! latest file could not be read, and the latest import for "Undo that import".

use crate::exchange::import::{self, Preview};
use crate::ui::ctx::UndoNotice;
use crate::ui::ctx::{Ctx, Mode};
use crate::ui::platform;
use leptos::prelude::*;
use std::sync::Arc;

/// The import in progress, shared by the Share screen, the recovery screen and the
/// drop-anywhere handler.
#[derive(Clone, Copy)]
pub struct Imports {
    /// The preview being shown, if any.
    pub(super) pending: RwSignal<Option<Arc<Pending>>>,
    /// Whether the preview dialog is open.
    pub(super) open: RwSignal<bool>,
    /// Why the latest file could not be read.
    pub(super) error: RwSignal<String>,
    /// The latest import, for "Undo that import".
    pub(super) last: RwSignal<Option<UndoNotice>>,
    /// The name of the file the latest import applied came from.
    pub(super) applied: RwSignal<Option<String>>,
}

/// A file read and compared, waiting for the librarian's choice.
pub(super) struct Pending {
    pub(super) preview: Preview,
    pub(super) name: String,
}

impl Imports {
    /// Provides the import state to the app.
    pub fn provide() -> Imports {
        let imports = Imports {
            pending: RwSignal::new(None),
            open: RwSignal::new(false),
            error: RwSignal::new(String::new()),
            last: RwSignal::new(None),
            applied: RwSignal::new(None),
        };
        provide_context(imports);
        imports
    }

    /// The name of the file the latest import applied in this page came from (tracked).
    pub fn applied(self) -> Option<String> {
        self.applied.get()
    }

    /// Reads a file's bytes and opens the preview, or says why it can't be imported.
    pub fn start(self, ctx: Ctx, name: String, bytes: &[u8]) {
        self.error.set(String::new());
        if ctx.mode.with_untracked(|m| matches!(m, Mode::Newer { .. })) {
            self.error.set(
                "This tab is read-only because a newer version of Branch Out saved your data. \
                 Reload to update, then import."
                    .into(),
            );
            return;
        }
        match import::read_any(bytes, &name, platform::today(), platform::new_id) {
            Err(e) => self.error.set(e.to_string()),
            Ok(incoming) => {
                let preview = ctx.state.with_untracked(|s| Preview::new(s, incoming));
                self.pending.set(Some(Arc::new(Pending { preview, name })));
                self.open.set(true);
            }
        }
    }

    /// Reads a file opened with Branch Out or shared to it, or shows the sentence that came
    /// instead of one.
    pub(super) fn arrived(self, ctx: Ctx, arrived: wasm_bindgen::JsValue) {
        use wasm_bindgen::JsCast;
        match arrived.dyn_into::<web_sys::File>() {
            Ok(file) => self.start_file(ctx, file),
            Err(other) => self.error.set(
                other
                    .as_string()
                    .unwrap_or_else(|| "The file could not be read.".to_owned()),
            ),
        }
    }

    /// Reads a chosen or dropped file, refusing one that is too big before reading it.
    pub fn start_file(self, ctx: Ctx, file: web_sys::File) {
        let size = file.size();
        if size > import::MAX_FILE_BYTES as f64 {
            self.error.set(
                import::ReadError::TooBig {
                    size: size as usize,
                    max: import::MAX_FILE_BYTES,
                    what: "files",
                }
                .to_string(),
            );
            return;
        }
        let name = file.name();
        leptos::task::spawn_local(async move {
            match platform::read_file(&file).await {
                Ok(bytes) => self.start(ctx, name, &bytes),
                Err(e) => self.error.set(e),
            }
        });
    }
}
