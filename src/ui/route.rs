//! Hash routes (`#/plan`), so any static host can serve the app.

/// A screen of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// What is due now.
    Today,
    /// Goals and the check-in log.
    Plan,
    /// The shelf of resources.
    Resources,
    /// The people in the librarian's network.
    People,
    /// Export, import and sharing.
    Share,
    /// Profile, calendar, terms and breaks, look, storage and starting again.
    Settings,
    /// The plan on one printable page (reached from Share, not in the navigation).
    Print,
    /// A hash that names no screen.
    NotFound,
}

impl Route {
    /// Every screen in navigation order.
    pub const ALL: [Route; 6] = [
        Route::Today,
        Route::Plan,
        Route::Resources,
        Route::People,
        Route::Share,
        Route::Settings,
    ];

    /// The route for a location hash such as `#/plan` (an empty hash is Today).
    pub fn from_hash(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let path = path.split(['?', '/']).next().unwrap_or("");
        match path {
            "" | "today" => Route::Today,
            "plan" => Route::Plan,
            "resources" => Route::Resources,
            "people" => Route::People,
            // A share link (`#/import/<payload>`) opens Share, which reads it.
            "share" | "import" => Route::Share,
            "settings" => Route::Settings,
            "print" => Route::Print,
            _ => Route::NotFound,
        }
    }

    /// The link to this screen.
    pub fn href(self) -> &'static str {
        match self {
            Route::Today => "#/today",
            Route::Plan => "#/plan",
            Route::Resources => "#/resources",
            Route::People => "#/people",
            Route::Share => "#/share",
            Route::Settings => "#/settings",
            Route::Print => "#/print",
            Route::NotFound => "#/not-found",
        }
    }

    /// Its name in the navigation and the page title.
    pub fn label(self) -> &'static str {
        match self {
            Route::Today => "Today",
            Route::Plan => "Plan",
            Route::Resources => "Resources",
            Route::People => "People",
            Route::Share => "Share",
            Route::Settings => "Settings",
            Route::Print => "Print the plan",
            Route::NotFound => "Page not found",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_map_to_screens_and_back() {
        for r in Route::ALL.into_iter().chain([Route::Print]) {
            assert_eq!(Route::from_hash(r.href()), r);
        }
        assert_eq!(Route::from_hash(""), Route::Today);
        assert_eq!(Route::from_hash("#"), Route::Today);
        assert_eq!(Route::from_hash("#/"), Route::Today);
        assert_eq!(Route::from_hash("#plan"), Route::Plan);
        assert_eq!(Route::from_hash("#/plan/goal-1"), Route::Plan);
        assert_eq!(Route::from_hash("#/settings?x=1"), Route::Settings);
        assert_eq!(Route::from_hash("#/javascript:alert(1)"), Route::NotFound);
        assert_eq!(Route::from_hash("#/PLAN"), Route::NotFound);
    }
}
