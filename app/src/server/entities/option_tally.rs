//! People who chose each option, kept up to date as answers are written.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "option_tally")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub option_id: i32,
    pub n: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
