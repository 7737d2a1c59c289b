//! `ekzh`: checks an electronic class register against the school's Regulation.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
