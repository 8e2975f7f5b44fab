module klaxon.dev/demo

go 1.22
