//! Writes a deterministic, realistic benchmark corpus for profilelint.
//!
//! ```text
//! cargo run --release --example gen_corpus -- --out DIR [--seed 1] [--files 10000]
//!     [--profiles 10000] [--collection-mb 50]
//! ```
//!
//! Writes under `DIR`:
//!
//! - `one.mobileconfig`: one iOS Just-in-Time SSO profile (the single-file case);
//! - `tree/`: an export repository of `--files` files: one folder per tenant, each with
//!   `Profiles/` (XML, binary and CMS-signed `.mobileconfig`) and an Intune export in the layout of
//!   IntuneBackupAndRestore (`Device Configurations/…`, `Device Configurations/Assignments/…`,
//!   `Settings Catalog/…`, `Client Apps/…`, `Client Apps/Assignments/<id> - <name>.json`; some
//!   files UTF-16 as Windows PowerShell writes them) or IntuneCD (inline assignments with
//!   `groupName`);
//! - `profiles/`: `--profiles` XML profiles only (what a plist loader can read);
//! - `collection.json`: one minified Graph collection (`{"value": [...]}`) of at least
//!   `--collection-mb` MB.
//!
//! The same seed always gives the same bytes. About a third of the SSO documents carry one of the
//! common mistakes (wrong value types, trailing spaces, misspelt keys, missing
//! `device_registration`, Authenticator not required, unassigned profiles, …).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[path = "../benches/corpus/mod.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use corpus::{Mistake, Org, Platform, ProfileKind, Rng, Style, J};

struct Args {
    out: PathBuf,
    seed: u64,
    files: usize,
    profiles: usize,
    collection_mb: usize,
}

const USAGE: &str =
    "usage: gen_corpus --out DIR [--seed N] [--files N (10000)] [--profiles N (10000)] [--collection-mb N (50)]";

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        out: PathBuf::new(),
        seed: 1,
        files: 10_000,
        profiles: 10_000,
        collection_mb: 50,
    };
    let mut it = std::env::args().skip(1);
    let mut out = None;
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: String| v.parse::<usize>().map_err(|_| format!("{flag}: not a number: {v}"));
        match flag.as_str() {
            "--out" => out = Some(PathBuf::from(value()?)),
            "--seed" => args.seed = number(value()?)? as u64,
            "--files" => args.files = number(value()?)?,
            "--profiles" => args.profiles = number(value()?)?,
            "--collection-mb" => args.collection_mb = number(value()?)?,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    args.out = out.ok_or_else(|| USAGE.to_owned())?;
    Ok(args)
}

/// Writes files under a root, up to a count, keeping statistics.
struct Writer {
    root: PathBuf,
    limit: usize,
    count: usize,
    bytes: u64,
    kinds: BTreeMap<&'static str, usize>,
}

impl Writer {
    fn new(root: PathBuf, limit: usize) -> Self {
        Writer {
            root,
            limit,
            count: 0,
            bytes: 0,
            kinds: BTreeMap::new(),
        }
    }

    fn full(&self) -> bool {
        self.count >= self.limit
    }

    fn write(&mut self, rel: &str, kind: &'static str, bytes: &[u8]) {
        if self.full() {
            return;
        }
        let path = self.root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("cannot create {}: {e}", parent.display()));
        }
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        self.count += 1;
        self.bytes += bytes.len() as u64;
        *self.kinds.entry(kind).or_default() += 1;
    }

    fn report(&self, what: &str) {
        println!("{what}: {} files, {:.1} MB", self.count, self.bytes as f64 / 1e6);
        for (kind, n) in &self.kinds {
            println!("  {n:>6}  {kind}");
        }
    }
}

/// A profile in one of its on-disk forms.
fn profile_bytes(rng: &mut Rng, org: &Org, kind: ProfileKind, mistake: Mistake) -> (&'static str, Vec<u8>) {
    let value = corpus::profile(rng, org, kind, mistake);
    match rng.below(100) {
        0..=69 => ("profile, XML", corpus::plist_xml(&value).into_bytes()),
        70..=84 => ("profile, binary", corpus::plist_binary(&value)),
        _ => (
            "profile, CMS-signed XML",
            corpus::signed_profile(corpus::plist_xml(&value).as_bytes()),
        ),
    }
}

fn profile_kind(rng: &mut Rng) -> ProfileKind {
    // Most profiles of a repository are not about SSO.
    match rng.below(100) {
        0..=11 => ProfileKind::Sso(Platform::Ios),
        12..=17 => ProfileKind::Sso(Platform::Macos),
        _ => ProfileKind::Other,
    }
}

/// IntuneBackupAndRestore writes with PowerShell; on Windows PowerShell 5.1 that is UTF-16 LE.
fn powershell_file(rng: &mut Rng, value: &J) -> Vec<u8> {
    let text = corpus::json(value, Style::PowerShell);
    if rng.chance(15) {
        corpus::utf16le(&text)
    } else {
        text.into_bytes()
    }
}

fn tenant(rng: &mut Rng, w: &mut Writer, t: usize) {
    let org = Org::new(rng, t);
    let ibr = t % 2 == 0;
    let base = format!("tenant-{t:03}-{}", if ibr { "ibr" } else { "intunecd" });
    let groups = corpus::groups(rng, 12);
    let group_names: Vec<(String, String)> = groups
        .iter()
        .enumerate()
        .map(|(i, g)| (g.clone(), format!("SG-{}-{i:02}", org.prefix)))
        .collect();

    for i in 0..rng.range(40, 80) {
        let kind = profile_kind(rng);
        let mistake = Mistake::draw(rng, 35);
        let (what, bytes) = profile_bytes(rng, &org, kind, mistake);
        let name = match kind {
            ProfileKind::Sso(Platform::Ios) => "iOS SSO",
            ProfileKind::Sso(Platform::Macos) => "macOS SSO",
            ProfileKind::Other => "Baseline",
        };
        w.write(&format!("{base}/Profiles/{name} {i:03}.mobileconfig"), what, &bytes);
    }

    for i in 0..rng.range(60, 100) {
        let object = corpus::configuration(rng, &org, &groups, i);
        let name = corpus::file_name(&object.name);
        if ibr {
            let file = powershell_file(rng, &object.json);
            w.write(
                &format!("{base}/Device Configurations/{name}.json"),
                "Intune configuration, IBR",
                &file,
            );
            let file = powershell_file(rng, &J::Arr(object.assignments.clone()));
            w.write(
                &format!("{base}/Device Configurations/Assignments/{name}.json"),
                "Intune assignments, IBR",
                &file,
            );
        } else {
            let mut fields = corpus::intunecd_clean(&object.json);
            fields.push((
                "assignments".into(),
                J::Arr(
                    object
                        .assignments
                        .iter()
                        .map(|a| corpus::intunecd_assignment(a, &group_names))
                        .collect(),
                ),
            ));
            let text = corpus::json(&J::Obj(fields), Style::Pretty(4));
            w.write(
                &format!("{base}/Device Configurations/{name}_{}.json", object.odata),
                "Intune configuration, IntuneCD",
                text.as_bytes(),
            );
        }
    }

    for i in 0..rng.range(20, 50) {
        let object = corpus::policy(rng, &groups, i);
        let name = corpus::file_name(&object.name);
        if ibr {
            let file = powershell_file(rng, &object.json);
            w.write(
                &format!("{base}/Settings Catalog/{name}.json"),
                "Settings Catalog, IBR",
                &file,
            );
            let file = powershell_file(rng, &J::Arr(object.assignments.clone()));
            w.write(
                &format!("{base}/Settings Catalog/Assignments/{name}.json"),
                "Intune assignments, IBR",
                &file,
            );
        } else {
            let mut fields = corpus::intunecd_clean(&object.json);
            fields.push((
                "assignments".into(),
                J::Arr(
                    object
                        .assignments
                        .iter()
                        .map(|a| corpus::intunecd_assignment(a, &group_names))
                        .collect(),
                ),
            ));
            let text = corpus::json(&J::Obj(fields), Style::Pretty(4));
            w.write(
                &format!("{base}/Settings Catalog/{name}_appleRemoteManagement.json"),
                "Settings Catalog, IntuneCD",
                text.as_bytes(),
            );
        }
    }

    let authenticator_required = Mistake::draw(rng, 35) != Mistake::AuthenticatorNotRequired && !rng.chance(10);
    let app_count = rng.range(8, 24);
    for app in corpus::apps(rng, &groups, app_count, authenticator_required) {
        let object = app.object;
        let name = corpus::file_name(&object.name);
        if ibr {
            let file = powershell_file(rng, &object.json);
            w.write(
                &format!("{base}/Client Apps/{}_{name}.json", object.odata),
                "app, IBR",
                &file,
            );
            // `ConvertTo-Json` of one assignment writes an object, of several an array.
            let assignments = match object.assignments.as_slice() {
                [one] => one.clone(),
                many => J::Arr(many.to_vec()),
            };
            let file = powershell_file(rng, &assignments);
            w.write(
                &format!("{base}/Client Apps/Assignments/{} - {name}.json", object.id),
                "app assignments, IBR",
                &file,
            );
        } else {
            let mut fields = corpus::intunecd_clean(&object.json);
            fields.push((
                "assignments".into(),
                J::Arr(
                    object
                        .assignments
                        .iter()
                        .map(|a| corpus::intunecd_assignment(a, &group_names))
                        .collect(),
                ),
            ));
            let kind = if object.odata == "iosVppApp" {
                "iOSVppApp_admin"
            } else {
                "iOSStoreApp"
            };
            let text = corpus::json(&J::Obj(fields), Style::Pretty(4));
            w.write(
                &format!("{base}/Applications/iOS/{name}_{kind}.json"),
                "app, IntuneCD",
                text.as_bytes(),
            );
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    std::fs::create_dir_all(&args.out).map_err(|e| format!("cannot create {}: {e}", args.out.display()))?;
    let mut rng = Rng::new(args.seed);

    let org = Org::new(&mut rng, 0);
    let one = corpus::profile(&mut rng, &org, ProfileKind::Sso(Platform::Ios), Mistake::None);
    let one_path = args.out.join("one.mobileconfig");
    std::fs::write(&one_path, corpus::plist_xml(&one))
        .map_err(|e| format!("cannot write {}: {e}", one_path.display()))?;
    println!("one.mobileconfig");

    if args.files > 0 {
        let mut w = Writer::new(args.out.join("tree"), args.files);
        let mut t = 0;
        while !w.full() {
            tenant(&mut rng, &mut w, t);
            t += 1;
        }
        w.report(&format!("tree/ ({t} tenants)"));
    }

    if args.profiles > 0 {
        let mut w = Writer::new(args.out.join("profiles"), args.profiles);
        let mut i = 0;
        while !w.full() {
            let org = Org::new(&mut rng, i / 100);
            let kind = profile_kind(&mut rng);
            let mistake = Mistake::draw(&mut rng, 35);
            let xml = corpus::plist_xml(&corpus::profile(&mut rng, &org, kind, mistake));
            w.write(
                &format!("org-{:03}/profile-{i:05}.mobileconfig", i / 100),
                "profile, XML",
                xml.as_bytes(),
            );
            i += 1;
        }
        w.report("profiles/");
    }

    if args.collection_mb > 0 {
        let text = corpus::collection(&mut rng, args.collection_mb * 1_000_000);
        let path: &Path = &args.out.join("collection.json");
        std::fs::write(path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("collection.json: {:.1} MB", text.len() as f64 / 1e6);
    }
    Ok(())
}

fn main() -> ExitCode {
    match parse_args().and_then(|args| run(&args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}
