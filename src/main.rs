//! Mounts the Branch Out app; everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    branch_out::ui::mount();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Branch Out is a web app: build it with `make serve` and open http://127.0.0.1:8080");
}
