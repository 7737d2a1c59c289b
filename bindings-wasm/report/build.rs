//! Writes what the справка says about each rule (`ekzh_html::Rules`) from the core's
//! catalogue into `OUT_DIR/rules.json`, for the module to carry as data.

fn main() {
    let out = std::env::var_os("OUT_DIR").map(std::path::PathBuf::from);
    let Some(out) = out else {
        println!("cargo::error=OUT_DIR is not set");
        return;
    };
    let json = ekzh_html::Rules::from_core().to_json();
    if let Err(error) = std::fs::write(out.join("rules.json"), json) {
        println!("cargo::error=cannot write rules.json: {error}");
    }
}
