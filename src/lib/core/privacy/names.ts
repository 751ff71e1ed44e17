/**
 * A small bundled list of common given names and surnames (English, Spanish, French, German,
 * Italian, Portuguese, Dutch, Polish, Turkish, Indian, Chinese, Japanese, Arabic usage), for
 * person-name detection without a model. Names that are also common English words (e.g. Will,
 * May, Grace, Mark, Bill, Rose, Young, White) are left out to keep false alarms down.
 */

export const FIRST_NAMES: ReadonlySet<string> = new Set(
	`james john robert michael david richard joseph thomas charles christopher daniel matthew anthony
	donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey
	ryan jacob gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory
	alexander patrick jack dennis jerry tyler aaron jose adam nathan henry peter zachary douglas
	harold kyle noah ethan jeremy walter  keith roger terry  sean gerald carl dylan
	arthur lawrence  jesse bryan billy bruce gabriel joe logan alan juan albert elijah randy
	wayne vincent liam oliver lucas mason hugo leon felix oscar  lukas jonas paul elias finn
	mary patricia jennifer linda elizabeth barbara susan jessica sarah karen lisa nancy betty sandra
	margaret ashley kimberly emily donna michelle carol amanda melissa deborah stephanie rebecca
	sharon laura cynthia kathleen amy angela shirley anna brenda pamela emma nicole helen samantha
	katherine christine debra rachel carolyn janet catherine maria heather diane ruth julie olivia
	joyce   kelly lauren christina joan evelyn judith megan andrea cheryl hannah
	jacqueline martha gloria teresa ann sara  frances kathryn janice  abigail alice
	judy sophia denise  doris marilyn danielle beverly isabella theresa diana natalie brittany
	charlotte marie kayla alexis lori mia chloe sophie lea clara ella amelia ava zoe lena marta
	alicia lucia sofia carmen elena isabel pilar rosa dolores josefa ana laia mariana camila
	valentina giulia francesca chiara alessandro giuseppe giovanni luca marco matteo lorenzo
	francesco andrea pierre jean-pierre francois nicolas philippe louis antoine camille manon
	chloe julien mathieu sebastien thibault hans klaus jurgen stefan wolfgang uwe dieter sabine
	ursula monika petra katrin anke jan piet joost sanne femke daan sven lars nils ingrid astrid
	piotr krzysztof tomasz agnieszka katarzyna malgorzata mehmet mustafa ahmet ayse fatma emine
	mohammed muhammad ahmed ali omar hassan hussein fatima aisha yusuf ibrahim khalid layla
	rahul priya amit anjali vikram sanjay deepak sunita ravi arjun ananya rohan neha pooja
	      xiao   yuki haruto sota yui hina hiroshi takashi kenji akiko
	joao pedro tiago rafael gabriela beatriz leonor inês diego  mateo alejandro javier
	carlos miguel sergio pablo manuel raquel nuria irene silvia marta olga ivan dmitri sergei
	anastasia natalia tatiana svetlana ekaterina aleksandr vladimir`
		.split(/\s+/)
		.filter(Boolean)
);

export const LAST_NAMES: ReadonlySet<string> = new Set(
	`smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez
	gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson harris sanchez
	clark ramirez lewis robinson walker allen king wright scott torres nguyen hill flores adams
	nelson baker hall rivera campbell mitchell carter roberts gomez phillips evans turner diaz
	parker cruz edwards collins reyes stewart morris morales murphy cook rogers gutierrez ortiz
	morgan cooper peterson bailey reed kelly howard ramos kim cox ward richardson watson brooks
	chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo sanders patel myers
	long ross foster jimenez powell jenkins perry russell sullivan bell coleman butler henderson
	barnes gonzales fisher vasquez simmons romero jordan patterson alexander hamilton graham
	reynolds griffin wallace moreno west cole hayes bryant herrera gibson ellis tran medina
	aguilar stevens murray ford castro marshall owens harrison fernandez mcdonald woods washington
	kennedy wells vargas henry chen freeman webb tucker guzman burns crawford olson simpson porter
	hunter gordon mendez silva shaw snyder mason dixon munoz hunt hicks holmes palmer wagner black
	robertson boyd rose stone salazar fox warren mills meyer rice schmidt garza daniels ferguson
	nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer hawkins arnold pierce
	hansen peters santos hart bradley knight elliott cunningham duncan armstrong hudson carroll
	lane riley andrews ray berry perkins hoffman johnston matthews pena richards willis carpenter
	lawrence sandoval müller mueller schneider fischer weber becker schulz hoffmann koch richter
	klein wolf schröder neumann schwarz zimmermann braun krüger hofmann hartmann lange werner
	krause lehmann köhler dubois durand lefebvre leroy moreau simon laurent michel bernard petit
	rousseau vincent fournier girard bonnet rossi russo ferrari esposito bianchi romano colombo
	ricci marino greco bruno gallo conti costa giordano mancini rinaldi lombardi moretti
	de-jong jansen de-vries van-den-berg bakker visser smit meijer mulder bos vos peters hendriks
	nowak kowalski wisniewski wojcik kowalczyk kaminski lewandowski zielinski szymanski yilmaz
	kaya demir sahin celik yildiz yildirim ozturk aydin ozdemir arslan dogan kilic aslan
	sharma singh kumar gupta mehta shah reddy iyer nair rao joshi verma agarwal
	wang zhang liu yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao
	sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada
	sasaki yamaguchi matsumoto inoue kimura hayashi shimizu
	oliveira pereira almeida ferreira carvalho gomes martins araujo ribeiro rocha
	ivanov smirnov kuznetsov popov sokolov lebedev kozlov novikov morozov petrov volkov`
		.split(/\s+/)
		.filter(Boolean)
);

/** Courtesy titles that, before a capitalised word, mark a person's name. */
export const NAME_TITLES: ReadonlySet<string> = new Set(
	['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'herr', 'frau', 'mme', 'mlle', 'sr', 'sra', 'sig'].map(
		(s) => s
	)
);

/**
 * Given names that are also well-known places (cities, states, countries, districts). Alone they
 * are more often the place, so they count as a person only with person context (name-find.ts).
 * Places that are seldom given names (Dallas, China, Kenya) are left out: the review would offer
 * every mention of them as a maybe-name.
 */
export const PLACE_NAMES: ReadonlySet<string> = new Set(
	`sofia paris florence georgia victoria jordan austin sydney chelsea adelaide charlotte lincoln
	savannah madison virginia carolina regina lourdes alexandria siena vienna brooklyn dakota camden
	orlando aurora helena augusta geneva lorraine phoenix`
		.split(/\s+/)
		.filter(Boolean)
);

/**
 * Capitalised words that, right after a place-like name, make it a place ("Sydney Opera House",
 * "Georgia Tech", "Austin, Texas"), never a surname: place nouns, countries and regions.
 */
export const PLACE_FOLLOWERS: ReadonlySet<string> = new Set(
	`city town airport station street st road avenue ave square harbour harbor bridge opera house
	tech university college memorial park river lake bay falls county state centre center zoo
	cathedral church hotel marathon metro fc united oval beach hills heights port gardens garden
	museum stadium arena club festival fashion week district valley island islands mountains
	international terminal central north south east west new old upper lower saint san santa
	bulgaria france italy spain germany australia texas usa us uk america england canada russia
	turkey greece portugal ireland scotland wales japan china egypt tennessee kansas georgia
	carolina virginia alabama illinois wisconsin ohio colorado nsw queensland ontario`
		.split(/\s+/)
		.filter(Boolean)
);
