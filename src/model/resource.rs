//! Resource bookmarks: the places a librarian learns and connects.

use super::Id;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A bookmark on the shelf.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Resource {
    /// Stable id across devices.
    pub id: Id,
    /// Its name.
    pub title: String,
    /// Its web address, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What sort of resource it is.
    pub kind: Kind,
    /// The librarian's own tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// What the librarian noted about it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// How far it reaches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Whether the librarian belongs.
    #[serde(default)]
    pub membership: Membership,
    /// Details of an email list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_list: Option<EmailList>,
    /// The next meeting, webinar or renew-by date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::model::date::option"
    )]
    pub next_date: Option<NaiveDate>,
    /// What happens on that date ("Renew membership", "Webinar: sensory storytime").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub next_label: String,
    /// Starred by the librarian.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub favourite: bool,
    /// The day it was added to the shelf.
    #[serde(with = "crate::model::date")]
    pub added: NaiveDate,
    /// Where it came from, when it arrived in an imported file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
}

/// Where an imported item came from: the sender as the file names them, and the day it was
/// imported.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin {
    /// The sender's name as the file gives it ("Sam Lee, Northside Primary"); may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub from: String,
    /// The day it was imported.
    #[serde(with = "crate::model::date")]
    pub date: NaiveDate,
}

/// What sort of resource it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// An email list (LM_NET, OzTLNet).
    EmailList,
    /// A social media group.
    SocialGroup,
    /// A professional association.
    Association,
    /// A webinar or online course.
    WebinarCourse,
    /// A toolkit or set of templates.
    Toolkit,
    /// A journal, book or blog.
    Publication,
    /// A local network or support group.
    LocalNetwork,
    /// A community organisation outside libraries.
    CommunityOrganisation,
    /// Anything else.
    Other,
}

/// How far a resource reaches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// A town or city.
    Local,
    /// A school district.
    District,
    /// A state or territory.
    State,
    /// The whole country.
    National,
    /// More than one country.
    International,
}

/// Whether the librarian belongs to it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Membership {
    /// A member (of an association or group).
    Member,
    /// Subscribed (to a list or newsletter).
    Subscribed,
    /// Asked to join; waiting.
    Pending,
    /// Not joined (yet).
    #[default]
    NotJoined,
}

/// How to use an email list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailList {
    /// The address posts go to.
    #[serde(default)]
    pub address: String,
    /// How to subscribe.
    #[serde(default)]
    pub subscribe: String,
    /// How to leave.
    #[serde(default)]
    pub leave: String,
    /// Whether mail comes as a digest.
    #[serde(default)]
    pub digest: bool,
}
