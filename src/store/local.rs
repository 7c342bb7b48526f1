//! The browser's `localStorage` as a [`Backend`].

use super::slots::{Backend, StorageError};
use gloo_storage::Storage as _;
use wasm_bindgen::{JsCast, JsValue};

/// `localStorage`, opened only after probing that the browser allows it.
pub struct LocalBackend {
    storage: web_sys::Storage,
}

impl LocalBackend {
    /// Opens `localStorage`. When a policy blocks site data, merely reading
    /// `window.localStorage` throws a `SecurityError`; gloo-storage would panic there, so the
    /// probe comes first and only then is gloo's handle taken.
    pub fn open() -> Result<Self, StorageError> {
        let window = web_sys::window().ok_or_else(|| StorageError::Other("no window".into()))?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(LocalBackend {
                storage: gloo_storage::LocalStorage::raw(),
            }),
            Ok(None) => Err(StorageError::Other("localStorage is not available".into())),
            Err(e) => Err(classify(&e)),
        }
    }

    /// Every damaged save set aside (key and exact text), oldest key order.
    pub fn quarantined(&self) -> Vec<(String, String)> {
        let len = gloo_storage::LocalStorage::length();
        let mut out: Vec<(String, String)> = (0..len)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(super::keys::QUARANTINE_PREFIX))
            .filter_map(|k| {
                let v = self.storage.get_item(&k).ok().flatten()?;
                Some((k, v))
            })
            .collect();
        out.sort();
        out
    }

    /// Removes the damaged saves set aside under these keys (any other key is left alone),
    /// each one tried; returns the first failure.
    pub fn remove_set_aside<'k>(
        &self,
        keys: impl IntoIterator<Item = &'k str>,
    ) -> Result<(), StorageError> {
        keys.into_iter()
            .filter(|k| k.starts_with(super::keys::QUARANTINE_PREFIX))
            .map(|k| self.remove(k))
            .fold(Ok(()), Result::and)
    }

    /// Keeps the copy of the chosen colours (see [`keys::LOOK`](super::keys::LOOK)): `look`,
    /// or no copy at all for the device's colours. Writes only when it differs.
    pub fn keep_look(&self, look: Option<&str>) -> Result<(), StorageError> {
        if self.get(super::keys::LOOK)?.as_deref() == look {
            return Ok(());
        }
        match look {
            Some(look) => self.set(super::keys::LOOK, look),
            None => self.remove(super::keys::LOOK),
        }
    }

    /// The name of the automatic backup file, while one is in use (see
    /// [`keys::BACKUP_FILE`](super::keys::BACKUP_FILE)).
    pub fn backup_file(&self) -> Option<String> {
        self.get(super::keys::BACKUP_FILE).ok().flatten()
    }

    /// Forgets the name of the automatic backup file, so that no tab writes to it again (the
    /// file's handle goes with `src/ui/backup_file.js`'s `stop`).
    pub fn forget_backup_file(&self) -> Result<(), StorageError> {
        self.remove(super::keys::BACKUP_FILE)
    }

    /// True once the note about installing Branch Out was put away (see
    /// [`keys::INSTALL_NOTE`](super::keys::INSTALL_NOTE)).
    pub fn install_note_put_away(&self) -> Result<bool, StorageError> {
        Ok(self.get(super::keys::INSTALL_NOTE)?.is_some())
    }

    /// Puts the note about installing Branch Out away for good.
    pub fn put_away_install_note(&self) -> Result<(), StorageError> {
        self.set(super::keys::INSTALL_NOTE, "put away")
    }

    /// Characters stored under Branch Out's keys (keys and values), for the settings page.
    pub fn used_chars(&self) -> usize {
        let len = gloo_storage::LocalStorage::length();
        (0..len)
            .filter_map(|i| self.storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(super::keys::NAMESPACE))
            .map(|k| {
                let v = self.storage.get_item(&k).ok().flatten().unwrap_or_default();
                k.encode_utf16().count() + v.encode_utf16().count()
            })
            .sum()
    }
}

fn prop(value: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Maps a thrown value to a [`StorageError`]. Browsers name a full quota differently
/// (Chromium `QuotaExceededError`/22, Firefox `NS_ERROR_DOM_QUOTA_REACHED`/1014, old WebKit
/// `QUOTA_EXCEEDED_ERR`), so both the name and the code are checked, on any thrown object.
pub fn classify(e: &JsValue) -> StorageError {
    let name = prop(e, "name").as_string().unwrap_or_default();
    let code = prop(e, "code").as_f64().unwrap_or(0.0);
    let quota_names = [
        "QuotaExceededError",
        "NS_ERROR_DOM_QUOTA_REACHED",
        "QUOTA_EXCEEDED_ERR",
    ];
    if quota_names.contains(&name.as_str()) || code == 22.0 || code == 1014.0 {
        return StorageError::Quota;
    }
    let message = e
        .dyn_ref::<js_sys::Error>()
        .map(|err| String::from(err.message()))
        .or_else(|| prop(e, "message").as_string())
        .unwrap_or_else(|| format!("{e:?}"));
    StorageError::Other(if name.is_empty() {
        message
    } else {
        format!("{name}: {message}")
    })
}

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.storage.get_item(key).map_err(|e| classify(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.storage.set_item(key, value).map_err(|e| classify(&e))
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.storage.remove_item(key).map_err(|e| classify(&e))
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let len = self.storage.length().map_err(|e| classify(&e))?;
        (0..len)
            .map(|i| self.storage.key(i).map_err(|e| classify(&e)))
            .filter_map(Result::transpose)
            .collect()
    }
}
