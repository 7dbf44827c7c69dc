from nkru_tui.cli import main

raise SystemExit(main())
