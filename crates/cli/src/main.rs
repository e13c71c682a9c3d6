//! The `slo-workbench` command-line tool; see `cli` and docs/cli.md.

mod cli;
mod tiers;

fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}
