"""Demo data for trying the app out: fictional centres, staff and reports (`flask --app reporting demo-data`)."""
