//! Microsoft login URLs per cloud (`rules/catalog/login-urls.toml`).

use std::sync::OnceLock;

use serde::Deserialize;

use super::{load, LOGIN_URLS};

/// Microsoft login URLs for a Redirect payload's `URLs`, per cloud.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct LoginUrls {
    /// Global (public) cloud: required in every Microsoft Redirect payload.
    #[serde(default)]
    pub public: Vec<String>,
    /// US Government cloud.
    #[serde(default)]
    pub usgov: Vec<String>,
    /// China (21Vianet) cloud.
    #[serde(default)]
    pub china: Vec<String>,
    /// URLs only in old docs (`https://login.windows.net`).
    #[serde(default)]
    pub legacy: Vec<String>,
}

impl LoginUrls {
    /// The URLs of one cloud by its config name (`public`, `usgov`, `china`); `None` for others.
    pub fn cloud(&self, name: &str) -> Option<&[String]> {
        match name {
            "public" => Some(&self.public),
            "usgov" => Some(&self.usgov),
            "china" => Some(&self.china),
            _ => None,
        }
    }

    /// Every currently documented URL (public, then US Government, then China).
    pub fn current(&self) -> impl Iterator<Item = &str> {
        self.public
            .iter()
            .chain(&self.usgov)
            .chain(&self.china)
            .map(String::as_str)
    }

    /// Every URL including the legacy ones.
    pub fn all(&self) -> impl Iterator<Item = &str> {
        self.current().chain(self.legacy.iter().map(String::as_str))
    }
}

/// The Microsoft login URLs.
pub fn login_urls() -> &'static LoginUrls {
    static CELL: OnceLock<LoginUrls> = OnceLock::new();
    CELL.get_or_init(|| load(LOGIN_URLS.json))
}
