from supervise_tui.cli import main

raise SystemExit(main())
