fn main() -> anyhow::Result<()> {
    let lib = camino::Utf8PathBuf::from(std::env::args().nth(1).unwrap());
    println!("{}", greet_bindgen::dump_general_ir(&lib)?);
    Ok(())
}
