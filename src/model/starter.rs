//! The starter plan and starter library.
//!
//! The starter plan is offered on first run: a weekly, a monthly and a quarterly connection goal,
//! after the school librarian's guide to staying connected, in Branch Out's own words.

use super::shelf::ResourceInput;
use super::{Area, Cadence, GoalInput, Kind, Scope};

/// The three starter goals, ready to edit before they are added.
pub fn starter_plan() -> Vec<GoalInput> {
    vec![
        GoalInput {
            title: "Share an idea, question or resource with a colleague".into(),
            notes: "One a week. A quick email, a word in the staffroom or a useful link all count."
                .into(),
            area: Area::School,
            cadence: Cadence::Weekly,
            target: 1,
        },
        GoalInput {
            title: "Join a professional meeting, webinar or online chat".into(),
            notes: "One a month: your association, a district cohort, an email list's chat.".into(),
            area: Area::Online,
            cadence: Cadence::Monthly,
            target: 1,
        },
        GoalInput {
            title: "Show a peer group something you have tried".into(),
            notes: "One a quarter, big or small: a display, a lesson, a new tool.".into(),
            area: Area::District,
            cadence: Cadence::Quarterly,
            target: 1,
        },
    ]
}

/// An entry of the built-in starter library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StarterResource {
    /// Its name.
    pub name: &'static str,
    /// What sort of resource.
    pub kind: Kind,
    /// Where it is based or who it serves ("US", "AU", "International", a state).
    pub region: &'static str,
    /// How far it reaches.
    pub scope: Scope,
    /// Its confirmed address; `None` where none could be confirmed, and the app says so.
    pub url: Option<&'static str>,
    /// What it is, in Branch Out's words.
    pub about: &'static str,
}

impl StarterResource {
    /// The resource input for adding this entry to the shelf.
    pub fn input(&self) -> ResourceInput {
        ResourceInput {
            title: self.name.to_owned(),
            url: self.url.unwrap_or_default().to_owned(),
            kind: Some(self.kind),
            tags: vec![self.region.to_owned()],
            notes: self.about.to_owned(),
            scope: Some(self.scope),
            ..ResourceInput::default()
        }
    }
}

const fn entry(
    name: &'static str,
    kind: Kind,
    region: &'static str,
    scope: Scope,
    url: Option<&'static str>,
    about: &'static str,
) -> StarterResource {
    StarterResource {
        name,
        kind,
        region,
        scope,
        url,
        about,
    }
}

/// The starter library: places librarians learn and connect, from the source articles.
pub const STARTER_LIBRARY: &[StarterResource] = &[
    entry(
        "ALSC webinars and online courses",
        Kind::WebinarCourse,
        "US",
        Scope::National,
        None,
        "Live hour-long webinars and multi-week self-paced courses from ALSC. Members pay less for courses and can watch past webinars free.",
    ),
    entry(
        "ALSC Library Service to Underserved Children and Their Caregivers (LSUCTC) committee toolkits",
        Kind::Toolkit,
        "US",
        Scope::National,
        Some("https://www.alsc.ala.org/blog/tag/lsuctc-toolkit/"),
        "Free toolkits on reaching children and families the library often misses: autism and sensory needs, homelessness, print disabilities, technology access, new arrivals, Spanish-speaking families.",
    ),
    entry(
        "Children and Libraries (CAL)",
        Kind::Publication,
        "US",
        Scope::National,
        Some("http://www.ala.org/alsc/publications-resources/cal"),
        "ALSC's peer-reviewed journal on library work with children, published quarterly; back issues can be read free online.",
    ),
    entry(
        "The Librarian's Guide to Homelessness",
        Kind::Publication,
        "US",
        Scope::National,
        Some("https://www.homelesstraining.com/books/librarians-guide-to-homelessness/"),
        "Ryan J. Dowd's book (ALA Editions, 2018) on serving patrons who are homeless with empathy; he also runs staff training.",
    ),
    entry(
        "Rhode Island Sensory Story Time Support Group",
        Kind::LocalNetwork,
        "Rhode Island",
        Scope::State,
        None,
        "Rhode Island librarians who meet to swap ideas for sensory storytimes and for serving children with autism or sensory needs.",
    ),
    entry(
        "ALSC Blog",
        Kind::Publication,
        "US",
        Scope::National,
        Some("https://www.alsc.ala.org/blog/"),
        "ALSC's blog, written by members and committees about library service to children.",
    ),
    entry(
        "AASL (American Association of School Librarians)",
        Kind::Association,
        "US",
        Scope::National,
        Some("https://www.ala.org/aasl/"),
        "The ALA division that is the national membership association for school librarians.",
    ),
    entry(
        "YALSA (Young Adult Library Services Association)",
        Kind::Association,
        "US",
        Scope::National,
        Some("https://www.ala.org/yalsa/"),
        "The ALA division for library staff who work with teens aged 12 to 18.",
    ),
    entry(
        "OzTLNet (OZTL_NET)",
        Kind::EmailList,
        "AU",
        Scope::National,
        Some("https://oztlnet.com/"),
        "A free discussion list for Australian teacher librarians and school library staff, begun at Charles Sturt University, with thousands of members.",
    ),
    entry(
        "School Libraries email list (Students Need School Libraries campaign)",
        Kind::EmailList,
        "AU",
        Scope::National,
        None,
        "An advocacy list for people working on Students Need School Libraries, a campaign by Australian school library associations.",
    ),
    entry(
        "LM_NET",
        Kind::EmailList,
        "International",
        Scope::International,
        Some("http://www.lm-net.info/about.html"),
        "A long-running list for school library people worldwide, started in 1992 and hosted by Syracuse University, with members in dozens of countries.",
    ),
    entry(
        "ALIA email lists (elists)",
        Kind::EmailList,
        "AU",
        Scope::National,
        Some("http://www.alia.org.au/our-communities/connect-us/elists/elist-guidelines"),
        "Discussion lists from the Australian Library and Information Association where people with shared interests ask peers for advice.",
    ),
    entry(
        "The Knack (Facebook group)",
        Kind::SocialGroup,
        "International",
        Scope::International,
        None,
        "A Facebook group recommended as a network for school library staff.",
    ),
    entry(
        "Library Bulletin Boards and Displays (Facebook group)",
        Kind::SocialGroup,
        "International",
        Scope::International,
        None,
        "A Facebook group about library bulletin boards and displays, recommended as a network for school library staff.",
    ),
    entry(
        "Learning Librarians (Facebook group)",
        Kind::SocialGroup,
        "International",
        Scope::International,
        None,
        "A Facebook group recommended as a network for school library staff.",
    ),
    entry(
        "Your Kid's Next Read (Facebook group)",
        Kind::SocialGroup,
        "AU",
        Scope::National,
        None,
        "An Australian Facebook community for children's book suggestions, started in 2017 by Megan Daley, Allison Tait and Allison Rushby; it also has a podcast and newsletter.",
    ),
    entry(
        "LinkedIn (library-related groups)",
        Kind::SocialGroup,
        "International",
        Scope::International,
        Some("https://www.linkedin.com/"),
        "The professional network, home to many library and information-science groups, including ones on LIS careers.",
    ),
    entry(
        "Bluestem Award",
        Kind::Other,
        "Illinois",
        Scope::State,
        Some("https://aisled.org/bluestem-faq"),
        "An Illinois readers' choice award for grades 3 to 5, run by AISLE; students who read four or more of the 20 nominees can vote.",
    ),
    entry(
        "ALSC Competencies for Librarians Serving Children",
        Kind::Publication,
        "US",
        Scope::National,
        Some("http://www.ala.org/alsc/edcareeers/alsccorecomps"),
        "ALSC's list of the skills library staff need to serve children up to 14, first written in 1989 and last revised in 2020.",
    ),
    entry(
        "AASL/ALSC/YALSA Interdivisional Committee on School/Public Library Cooperation",
        Kind::Association,
        "US",
        Scope::National,
        Some("https://www.ala.org/alsc/publications-resources/professional-tools/school-public-library-partnerships"),
        "A joint committee of three ALA divisions, set up in 2006, that encourages school and public libraries to work together and keeps a collaboration toolkit.",
    ),
    entry(
        "ALA Chapters Directory (state and regional library associations)",
        Kind::Association,
        "US",
        Scope::National,
        Some("https://www.ala.org/aboutala/affiliates/chapters/state/stateregional"),
        "ALA's list of its chapters — the state and regional library associations — with contacts, conferences and advocacy news.",
    ),
    entry(
        "South Dakota Library Association (SDLA)",
        Kind::Association,
        "South Dakota",
        Scope::State,
        Some("https://www.sdlibraryassociation.org/page/Mission"),
        "The statewide association for South Dakota's libraries, staff, trustees and friends; an ALA chapter and part of the Mountain Plains Library Association.",
    ),
];
