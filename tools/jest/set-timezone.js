// Deadline arithmetic must not depend on the machine's zone: every test runs in UTC.
process.env.TZ = 'UTC';
