fn main() -> anyhow::Result<()> {
    let lib = camino::Utf8PathBuf::from(std::env::args().nth(1).unwrap());
    let out = camino::Utf8PathBuf::from(std::env::args().nth(2).unwrap());
    greet_bindgen::dump_native(&lib, &out)
}
