//! How a session's fields are read and written where serde's defaults do not do: whole numbers
//! written without a fraction, and mappings that refuse a repeated key.

use indexmap::IndexMap;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serializer};
use std::fmt;

/// Writes 20 rather than 20.0: the file is read and edited by people.
pub(super) fn whole_if_possible<S: Serializer>(value: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => s.serialize_i64(*v as i64),
        Some(v) => s.serialize_f64(*v),
        None => s.serialize_none(),
    }
}

/// A mapping whose keys must be unique: a question answered twice is a mistake to point out,
/// not something to settle silently by keeping the last one.
pub(super) fn unique_keys<'de, D, T>(d: D) -> Result<IndexMap<String, T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for V<T> {
        type Value = IndexMap<String, T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a mapping")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(IndexMap::new())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
            let mut out = IndexMap::new();
            while let Some(key) = map.next_key::<String>()? {
                if out.contains_key(&key) {
                    return Err(de::Error::custom(format!("`{key}` appears twice; keep one")));
                }
                let value = map.next_value()?;
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(V(std::marker::PhantomData))
}
