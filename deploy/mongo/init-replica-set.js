// Run by the mongo-init service on every start of the platform, and harmless to repeat: makes
// the single mongod a replica set of one member, then gives each service a user of its own that
// may read and write its own database and nothing else. A changed password in the environment
// is applied here (password rotation).
const replicaSet = process.env.MONGO_REPLICA_SET;
try {
  rs.status();
} catch (e) {
  if (e.codeName !== "NotYetInitialized") {
    throw e;
  }
  rs.initiate({ _id: replicaSet, members: [{ _id: 0, host: process.env.MONGO_REPLICA_HOST }] });
}
for (let waited = 0; !db.hello().isWritablePrimary; waited += 500) {
  if (waited > 60000) {
    throw new Error("the replica set has no primary after 60 s");
  }
  sleep(500);
}

const services = [
  ["cx_profile", "cx_profile", process.env.CX_PROFILE_DB_PASSWORD],
  ["cx_feedback", "cx_feedback", process.env.CX_FEEDBACK_DB_PASSWORD],
  ["cx_returns", "cx_returns", process.env.CX_RETURNS_DB_PASSWORD],
];
for (const [database, user, password] of services) {
  if (!password) {
    throw new Error("no password is set for " + user);
  }
  const target = db.getSiblingDB(database);
  const roles = [{ role: "readWrite", db: database }];
  if (target.getUser(user)) {
    target.updateUser(user, { pwd: password, roles });
  } else {
    target.createUser({ user, pwd: password, roles });
  }
}
print("replica set " + replicaSet + " ready; users cx_profile, cx_feedback, cx_returns set");
